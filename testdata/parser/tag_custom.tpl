{% my_tag a b=c "lit" 1 %}{% show_results poll %}{% get_current_time "%Y" as t %}
