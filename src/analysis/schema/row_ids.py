"""How a row is named outside its table: `table:key`, the key being the values of the table's
declared key joined by KEY_JOIN. A figure's data names the rows each thing drawn comes from this
way, in column SOURCE_ROWS (analysis.pipeline.load.row_ids makes the ids)."""

import re

KEY_JOIN = "/"  # between the values of a composite key
SOURCE_ROWS = "source_rows"
ALL_ROWS = "*"  # `table:*`: every row of the table (a count of zero rests on all of them)
ROW_IDS = re.compile(r"[a-z][a-z0-9_]*:[^;\s]+(?:; [a-z][a-z0-9_]*:[^;\s]+)*")
