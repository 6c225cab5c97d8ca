text {% endif %} more
