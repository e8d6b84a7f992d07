"""File › Import…: a source chosen, the core's plan shown question by question, written only
once the user confirms."""
