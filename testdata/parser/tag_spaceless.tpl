{% spaceless %}
  <p>
    <a href="foo/">Foo</a>
  </p>
{% endspaceless %}
