{{x}}{{   x   }}{%if x%}{%endif%}{%   for i in l   %}{%endfor%}{{ x | upper }}{{ x|default : "y" }}
