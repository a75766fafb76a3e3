"""PDF printouts (ReportLab). Builders take plain data and return the PDF's bytes, so the
GUI can preview, print or save them and the command line can write them, alike."""
