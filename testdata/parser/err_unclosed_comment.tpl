Hello {# note
