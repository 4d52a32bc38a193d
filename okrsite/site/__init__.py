"""The site, independent of MkDocs: which pages exist, their URLs, and their HTML bodies."""
