"""Words of the files the lifecycle commands write, in the organization's language."""

from __future__ import annotations

from typing import Any

TEXT: dict[str, tuple[str, str]] = {
    # retrospective stubs
    "retro_head": ("{period} の振り返りの下書きです(okrsite close が {today} に作成)。\nチームで話し合って編集し、"
                   "できあがったら status を published にしてプルリクエストで公開してください。",
                   "Draft retrospective of {period} (written by okrsite close on {today}).\nEdit it together as a "
                   "team, then set status to published and merge the pull request."),
    "scores_head": ("スコア: チェックインから計算した値({on}時点)。\n話し合って見直し、reason に理由を書いてください。"
                    "計算値のままでよい行は消しても構いません。",
                    "Scores computed from the check-ins (as of {on}).\nReview them together and give the reason; "
                    "a line you delete falls back to the computed value."),
    "objective_score": ("{slug}: {title} (計算上のスコア {score})", "{slug}: {title} (computed score {score})"),
    "went_well_head": ("うまくいったこと。「- 」で始めて1行に1つずつ書いてください。",
                       "What went well: one item per line, starting with \"- \"."),
    "to_improve_head": ("次の期に改善したいこと。「- 」で始めて1行に1つずつ書いてください。",
                        "What to improve next period: one item per line, starting with \"- \"."),
    "learnings_head": ("今期の学び。「- 」で始めて1行に1つずつ書いてください。",
                       "What we learned: one item per line, starting with \"- \"."),
    "from_wins": ("候補(チェックインのウィンから。残すものは # を外してください):",
                  "Suggestions from the check-ins' wins (remove the # of those to keep):"),
    "from_learnings": ("候補(チェックインの「学び」から。残すものは # を外してください):",
                       "Suggestions from the check-ins' learnings (remove the # of those to keep):"),
    "carry_head": ("次の期に引き継ぐもの。action は continue(次の期に引き継ぐ)、replace(新しく書き直す)、"
                   "retire(ここで終える)のどれか1つを選んでください。\nref は目標のスラッグか KR の id です。",
                   "What to carry into the next period: for each, choose one action: continue (carried into "
                   "the next period), replace (written anew) or retire (ends here).\nref is an objective slug "
                   "or a KR id."),
    "carry_how": ("continue にしたものは `okrsite new period` が次の期にコピーします(開始値は最後の値)。",
                  "`okrsite new period` copies what is marked continue into the next period (baseline = last value)."),
    "kr_list": ("KR: {ids}", "KRs: {ids}"),
    "retro_body": ("{period} の振り返りをここに書いてください: 何を達成できたか、想定と違ったことは何か、"
                   "次の期に何を変えるか。",
                   "Write the reflection on {period} here: what we achieved, what turned out differently than "
                   "expected, and what we will change next period."),
    # computed-score notes
    "no_check_in": ("チェックインなし", "no check-in"),
    "numeric": ("開始値 {baseline} → 最新 {current}(目標値 {target})", "baseline {baseline} → latest {current} "
                "(target {target})"),
    "boolean_done": ("達成", "done"),
    "boolean_open": ("未達成", "not done"),
    "milestones": ("ステップ {done}/{total} 完了", "{done} of {total} steps done"),
    "threshold": ("チェックイン {inside}/{total} 回が基準内({band})", "{inside} of {total} check-ins within "
                  "the band ({band})"),
    # objectives carried into the next period
    "carried_head": ("{old} から継続({retro} の carry_forward)。okrsite new period が {today} に作成。",
                     "Continued from {old} (carry_forward of {retro}); written by okrsite new period on {today}."),
    "retro_note": ("振り返りのメモ: {note}", "Retrospective note: {note}"),
    "carried_body": ("{period} から継続する目標です(前期: {old})。", "Continued from {period} ({old})."),
    "baseline_from": ("{period} の最後の値({day})。{period} の開始値は {old}", "last value in {period} ({day}); "
                      "the baseline in {period} was {old}"),
    "baseline_kept": ("{period} にチェックインがなかったため、{period} の開始値のまま", "no check-in in {period}: "
                      "the baseline of {period}, unchanged"),
    "from_zero": ("。期ごとに0から数える値(四半期累計など)なら、baseline を 0 に戻してください",
                  "; if it counts from zero each period (a quarter's total), set the baseline back to 0"),
    "baseline_unknown": ("baseline: {period} にチェックインがなく、開始値はまだわかりません(最初のチェックインが開始値になります)",
                         "baseline: no check-in in {period}, so it is still unknown (the first check-in will be "
                         "the baseline)"),
    "target_reached": ("target: {period} の目標値 {target} には到達済み(最後の値 {last})。新しい目標値を書いてください",
                       "target: the target of {period}, {target}, is reached (last value {last}); write a new target"),
    "commit_dropped": ("commit {commit} は新しい開始値と目標値の間にないため外しました",
                       "commit {commit} left out: it no longer lies between the new baseline and the target"),
    "steps_done": ("{period} で完了したステップ(コピーしていません): {ids}", "steps done in {period} (not copied): {ids}"),
    "aligns_dropped": ("aligns_to: {period} では {ref} にアラインしていました。{next} にはないため外しました",
                       "aligns_to: in {period} this aligned to {ref}, which is not in {next}; left out"),
}


def _t(key: str, lang: str, **kw: Any) -> str:
    ja, en = TEXT[key]
    return (ja if lang == "ja" else en).format(**kw)
