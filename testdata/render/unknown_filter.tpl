{{ x|nosuchfilter }}
{{ y|upper:"arg" }}{{ y|default }}
