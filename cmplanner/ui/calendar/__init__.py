"""The calendar: a post model, chip painting, month/week/agenda views, the backlog."""
