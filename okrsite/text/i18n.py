"""Every label okrsite writes, in Japanese and English, and locale-aware dates and periods.

Kept as one table so a missing translation is a test failure, not a page in two languages.
"""

from __future__ import annotations

import datetime as dt

from ..model.periods import Period
from ..scoring.bands import YELLOW_FROM, band_ranges

_BANDS = band_ranges()  # the score scale's numbers come from its one definition
LANGUAGES = ("ja", "en")

LABELS: dict[str, tuple[str, str]] = {
    # things
    "objective": ("目標", "Objective"),
    "objectives": ("目標", "Objectives"),
    "key_result": ("主要な結果", "Key result"),
    "key_results": ("主要な結果", "Key results"),
    "initiatives": ("取り組み", "Initiatives"),
    "check_ins": ("チェックイン", "Check-ins"),
    "learnings": ("学び", "Learnings"),
    "wins": ("ウィン", "Wins"),
    "blockers": ("ブロッカー", "Blockers"),
    "next_steps": ("次のアクション", "Next steps"),
    "retrospective": ("振り返り", "Retrospective"),
    "changes": ("期中の変更", "Mid-period changes"),
    "reason": ("理由", "Reason"),
    "mission": ("ミッション", "Mission"),
    "members": ("メンバー", "Members"),
    "owners": ("リーダー", "Leads"),
    "child_units": ("下位の組織", "Units below"),
    "history": ("過去の期", "Past periods"),
    "period": ("期", "Period"),
    "periods": ("期の一覧", "Periods"),
    "unit": ("組織", "Unit"),
    "units": ("組織", "Organization"),
    "people": ("メンバー一覧", "People"),
    "person": ("個人", "Person"),
    "dashboard": ("ダッシュボード", "Dashboard"),
    "cascade": ("アライメント", "Alignment"),
    "period_overview": ("期の全体像", "Period overview"),
    "orphans": ("上位の目標にアラインしていない目標", "Objectives aligned to nothing"),
    "aligns_to": ("アラインする上位の目標", "Aligns to"),
    "contributors": ("この目標に貢献するOKR", "Aligned to this"),
    "contributes_to": ("貢献先", "Contributes to"),
    "owns": ("担当", "Owns"),
    # fields
    "baseline": ("開始値", "Baseline"),
    "current": ("現在値", "Current"),
    "target": ("目標値", "Target"),
    "progress": ("進捗", "Progress"),
    "score": ("スコア", "Score"),
    "final_score": ("最終スコア", "Final score"),
    "confidence": ("自信度", "Confidence"),
    "status": ("状態", "Status"),
    "owner": ("オーナー", "Owner"),
    "due": ("期限", "Due"),
    "kind": ("種類", "Kind"),
    "type": ("タイプ", "Type"),
    "author": ("記入者", "Author"),
    "date": ("日付", "Date"),
    "note": ("メモ", "Note"),
    "measurement": ("計測方法", "How it is measured"),
    "expected_pace": ("期待ペース", "Expected pace"),
    "last_check_in": ("最終チェックイン", "Last check-in"),
    "commit": ("コミット値", "Commit"),
    "stretch": ("ストレッチ値", "Stretch"),
    "steps": ("マイルストーン", "Milestones"),
    "range": ("許容範囲", "Allowed range"),
    "weight": ("重み", "Weight"),
    "tags": ("タグ", "Tags"),
    # values
    "on_track": ("順調", "On track"),
    "at_risk": ("要注意", "At risk"),
    "off_track": ("遅れ", "Off track"),
    "not_started": ("未着手", "Not started"),
    "stale": ("更新が途絶えています", "Stale"),
    "committed": ("コミット型", "Committed"),
    "aspirational": ("挑戦型", "Aspirational"),
    "increase": ("増やす", "increase"),
    "decrease": ("減らす", "decrease"),
    "company": ("会社", "Company"),
    "division": ("事業部", "Division"),
    "team": ("チーム", "Team"),
    "planned": ("予定", "Planned"),
    "in-progress": ("進行中", "In progress"),
    "done": ("完了", "Done"),
    "dropped": ("中止", "Dropped"),
    "added": ("追加", "Added"),
    "achieved": ("達成", "Achieved"),
    "not_achieved": ("未達成", "Not yet"),
    "draft": ("下書き", "Draft"),
    "current_period": ("現在の期", "Current period"),
    "finished": ("終了", "Finished"),
    "running": ("進行中", "In progress"),
    "upcoming": ("開始前", "Upcoming"),
    # sentences and actions
    "edit_okr": ("このOKRを編集", "Edit this OKR"),
    "edit_hint": ("変更はプルリクエストで提案します", "Changes are proposed through a pull request"),
    "view_source": ("ソースファイル", "Source file"),
    "success_committed": ("コミット型の目標は {success} の達成が前提です", "Committed objectives are expected at {success}"),
    "success_aspirational": ("挑戦型の目標は {success} で成功とみなします",
                             "For aspirational objectives, {success} counts as success"),
    "no_objectives": ("この期の目標はまだありません", "No objectives for this period yet"),
    "no_check_ins": ("まだチェックインがありません", "No check-ins yet"),
    "needs_check_in": ("チェックインが必要な組織", "Units that need a check-in"),
    "all_checked_in": ("すべての組織が最近チェックインしています", "Every unit has checked in recently"),
    "latest_wins": ("最近のウィン", "Latest wins"),
    "latest_learnings": ("最近の学び", "Latest learnings"),
    "company_objectives": ("会社の目標", "Company objectives"),
    "status_counts": ("状態の内訳", "Status"),
    "as_of": ("{date} 時点", "as of {date}"),
    "days_since": ("{days}日前", "{days} days ago"),
    "never": ("なし", "never"),
    "filter": ("絞り込み", "Filter"),
    "filter_placeholder": ("目標・組織・担当者で絞り込み", "Filter by objective, unit or person"),
    "expand_all": ("すべて開く", "Expand all"),
    "collapse_all": ("すべて閉じる", "Collapse all"),
    "all_statuses": ("すべての状態", "All statuses"),
    "open_cascade": ("アライメントを見る", "View the alignment"),
    "open_overview": ("期の全体像を見る", "View the period overview"),
    "all_periods": ("すべての期", "All periods"),
    "private": ("非公開", "Private"),
    "private_objective": ("非公開の目標", "A private objective"),
    "not_aligned": ("アライン先なし", "Not aligned"),
    "see_all": ("すべて見る", "See all"),
    "objectives_count": ("目標 {n}件", "{n} objectives"),
    "kr_count": ("主要な結果 {n}件", "{n} key results"),
    "sort_hint": ("列見出しをクリックすると並べ替えられます", "Click a column heading to sort"),
    "validation_errors": ("OKRファイルにエラーがあります", "The OKR files have errors"),
    "validation_errors_hint": ("`okrsite check` を実行して修正してください。修正するまで内容は不完全です。",
                               "Run `okrsite check` and fix them; until then the pages are incomplete."),
    "score_scale": (f"スコアの目安: {_BANDS['red']} 赤 / {_BANDS['yellow']} 黄 / {_BANDS['green']} 緑",
                    f"Score scale: {_BANDS['red']} red / {_BANDS['yellow']} yellow / {_BANDS['green']} green"),
    "okrs_not_reviews": ("OKRは人事評価とは切り離して運用しています。挑戦と学びを歓迎します。",
                         "OKRs are kept apart from performance reviews: ambition and learning are welcome."),
    "unit_score": ("組織のスコア", "Unit score"),
    "period_score": ("期のスコア", "Period score"),
    "steps_done": ("{done}/{total} 完了", "{done}/{total} done"),
    "within_range": ("範囲内", "within range"),
    "out_of_range": ("範囲外", "out of range"),
    "in_range_share": ("範囲内の割合", "Share within range"),
    "at_least": ("{v} 以上", "at least {v}"),
    "at_most": ("{v} 以下", "at most {v}"),
    "between": ("{lo} – {hi}", "{lo} – {hi}"),
    "objective_of": ("{unit} の目標", "Objective of {unit}"),
    "units_count": ("{n} 組織", "{n} units"),
    "people_count": ("{n} 人", "{n} people"),
    "nothing_owned": ("担当しているOKRはありません", "Owns no OKRs"),
    "check_in_by": ("{author} によるチェックイン", "Check-in by {author}"),
    "updated_values": ("更新した値", "Updated values"),
    "unknown": ("不明", "unknown"),
    "open_page": ("ページを開く", "Open the page"),
    "no_match": ("条件に合う目標はありません", "No objective matches"),
    "no_items": ("条件に合うものはありません", "Nothing matches"),
    "retrospectives": ("振り返り", "Retrospectives"),
    "company_retrospective": ("全社の振り返り", "Company retrospective"),
    "unit_retrospectives": ("各組織の振り返り", "Units' retrospectives"),
    "went_well": ("うまくいったこと", "What went well"),
    "to_improve": ("改善したいこと", "What to improve"),
    "carry_forward": ("次の期への引き継ぎ", "Carried into the next period"),
    "continue": ("継続", "Continue"),
    "replace": ("置き換え", "Replace"),
    "retire": ("終了", "Retire"),
    "log_highlights": ("チェックインからの学び", "Learnings from the check-ins"),
    "all_check_ins": ("この期のチェックインをすべて見る ({n}件)", "All check-ins of the period ({n})"),
    "no_retro_yet": ("この組織の振り返りはまだ書かれていません。スコアは計算値です。",
                     "This unit has not written its retrospective yet; scores are computed."),
    "draft_retro": ("この振り返りは下書きです。", "This retrospective is a draft."),
    "computed": ("計算値", "computed"),
    "overridden": ("振り返りで決定", "set in the retrospective"),
    "final_value": ("最終値", "Final value"),
    "score_distribution": ("スコアの分布", "Score distribution"),
    "committed_vs_aspirational": ("コミット型と挑戦型", "Committed and aspirational"),
    "count": ("件数", "Count"),
    "mean_score": ("平均スコア", "Mean score"),
    "successes": ("成功の目安に届いた数", "Reached the success line"),
    "success_line": ("成功の目安", "Success line"),
    "all_perfect": ("すべての主要な結果が1.0だった目標", "Objectives with every key result at 1.0"),
    "all_perfect_hint": ("毎期すべて1.0なら、目標が挑戦的でなかったのかもしれません。次の期はもう一段高い目標を。",
                         "1.0 everywhere may mean the targets were not ambitious: aim higher next period."),
    "below_low": (f"スコアが{YELLOW_FROM:.1f}未満の目標", f"Objectives under {YELLOW_FROM:.1f}"),
    "below_low_hint": ("低いスコアは失敗ではなく学びの材料です。何が分かったかを次に活かしましょう。",
                       "A low score is material for learning, not a failure: carry what was learned forward."),
    "most_cited": ("よく挙がった学び", "Most-cited learnings"),
    "cited_times": ("{n}回", "{n}×"),
    "none_listed": ("該当なし", "None"),
    "print": ("印刷 / PDFとして保存", "Print / save as PDF"),
    "feed": ("更新をフィードで購読 (Atom)", "Follow updates (Atom feed)"),
    "company_feed": ("全社の更新 (Atom)", "Company updates (Atom)"),
    "learnings_of": ("{period}の学び", "Learnings of {period}"),
    "wins_of": ("{period}のウィン", "Wins of {period}"),
    "items_count": ("{n}件", "{n} items"),
    "all_units": ("すべての組織", "All units"),
    "all_tags": ("すべてのタグ", "All tags"),
    "other_periods": ("ほかの期", "Other periods"),
    "written_by": ("{author}", "{author}"),
    "objective_changes": ("期中の変更", "Mid-period changes"),
    "feed_title": ("{name} のOKR更新", "OKR updates of {name}"),
    "feed_log_title": ("{unit}: チェックイン {date}", "{unit}: check-in {date}"),
    "feed_retro_title": ("{unit}: {period} の振り返り", "{unit}: retrospective of {period}"),
    "charts": ("グラフ", "Charts"),
    "embed": ("このグラフを埋め込む", "Embed this chart"),
    "embed_hint": ("Wikiやドキュメントに貼り付けると、サイトの更新に合わせて最新のグラフが表示されます。",
                   "Paste into a wiki or document: the chart stays up to date with the site."),
    "embed_current_hint": ("「現在の期」のURLは期が変わると自動で新しい期のグラフを指します。",
                           "The current-period URLs follow the period when it changes."),
    "embed_relative": ("site_url が未設定のため相対URLです。mkdocs.yml に site_url を設定すると絶対URLになります。",
                       "These URLs are relative because site_url is not set in mkdocs.yml."),
    "embed_markdown": ("Markdown（GitHub・GitLab・Backlog など）", "Markdown (GitHub, GitLab, Backlog…)"),
    "embed_confluence": ("Confluence（画像のURL）", "Confluence (image URL)"),
    "embed_notion": ("Notion（/embed ブロックにURLを貼る）", "Notion (paste the URL into an /embed block)"),
    "embed_html": ("HTML（画像 / iframe）", "HTML (image / iframe)"),
    "embed_badge": ("進捗バッジ（Markdown）", "Progress badge (Markdown)"),
    "embed_files": ("ファイル", "Files"),
    "chart_of": ("{title} のグラフ", "Chart of {title}"),
}


def label(key: str, lang: str, **fmt: object) -> str:
    ja, en = LABELS[key]
    text = ja if lang == "ja" else en
    return text.format(**fmt) if fmt else text


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS_JA = "月火水木金土日"


def format_date(day: dt.date | None, lang: str, *, weekday: bool = False) -> str:
    if day is None:
        return ""
    if lang == "ja":
        text = f"{day.year}年{day.month}月{day.day}日"
        return text + f"（{_WEEKDAYS_JA[day.weekday()]}）" if weekday else text
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def format_short_date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return f"{day.month}月{day.day}日" if lang == "ja" else f"{_MONTHS[day.month - 1]} {day.day}"


def period_label(period: Period, lang: str, fiscal_year_start_month: int = 1) -> str:
    """2026-Q4 → 「2026年 第4四半期」 / "Q4 2026"; with a fiscal year → 「2026年度 第3四半期」 / "FY2026 Q3"."""
    if period.kind == "custom":
        return period.label or period.id
    fiscal = fiscal_year_start_month != 1
    if lang == "ja":
        year = f"{period.fiscal_year}年度" if fiscal else f"{period.fiscal_year}年"
        part = f"第{period.index}四半期" if period.kind == "quarter" else ("上期" if period.index == 1 else "下期")
        return f"{year} {part}"
    year = f"FY{period.fiscal_year}" if fiscal else str(period.fiscal_year)
    part = f"Q{period.index}" if period.kind == "quarter" else f"H{period.index}"
    return f"{year} {part}" if fiscal else f"{part} {year}"


def period_range(period: Period, lang: str) -> str:
    return f"{format_date(period.start, lang)} – {format_date(period.end, lang)}"
