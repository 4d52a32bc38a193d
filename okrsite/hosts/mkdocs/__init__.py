"""hosts/mkdocs"""
