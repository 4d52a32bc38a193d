"""The page-output host: okrsite's generated pages as Markdown files in a folder of docs_dir, for
site generators that render Markdown but run no okrsite plugin (Zensical). `okrsite pages` drives it."""
