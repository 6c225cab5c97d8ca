int={{ i }} float={{ f }} whole={{ w }} bool={{ b }} null={{ z }} str={{ s }}
list={{ l }} map={{ m }} nested={{ nested }} empty={{ e }}
