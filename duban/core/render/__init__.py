"""Official outputs: the progress table and the supervision bulletin as DOCX, XLSX and PDF.

Every renderer takes a Plan (and, where it helps, a judgement) and returns bytes; nothing here
knows about Django, so the CLI and the web app call the same functions.
"""
