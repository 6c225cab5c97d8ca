{# Django localizes printed numbers: a float Python writes with an exponent (1e+20) is written out in full. #}int={{ i }} float={{ f }} whole={{ w }} bool={{ b }} null={{ z }} str={{ s }}
list={{ l }} map={{ m }} nested={{ nested }} empty={{ e }}
