{# Django resolves a filter's argument without ignore_failures: a missing one raises VariableDoesNotExist ("Failed lookup for key [nothing]"), even with debug off. #}
[{{ 5|add:nothing }}]
