"""The colours that carry meaning, shared by the stylesheet (theme.py) and the HTML the
pages render (log_detail.py): plain strings, so HTML can be built without Qt."""

DANGER = "#c0392b"
DONE = "#1e7e34"
UPCOMING = "#b9770e"
MUTED = "#6b7785"
# Incident levels (docs/architecture.md): I red, II orange, III yellow, IV blue.
LEVEL_COLOURS = {"I": "#c0392b", "II": "#e67e22", "III": "#b7950b", "IV": "#2e86c1",
                 "unrated": "#7f8c8d"}
