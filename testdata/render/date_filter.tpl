{{ when|date:"Y-m-d H:i" }} [{{ notdate|date:"Y" }}] [{{ z|date }}]
