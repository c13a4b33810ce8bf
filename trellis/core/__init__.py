"""Clinical rules in pure Python: no Django import here (see DESIGN.md)."""
