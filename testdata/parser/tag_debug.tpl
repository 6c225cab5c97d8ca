<pre>{% debug %}</pre>
