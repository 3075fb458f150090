"""Landing: the only code that writes the warehouse's `raw` schema (dbt owns everything downstream)."""
