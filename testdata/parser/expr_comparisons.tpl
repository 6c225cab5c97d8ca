{{ a == b }}{{ a != b }}{{ a < b and b <= c }}{{ a in b }}{{ a not in b }}{{ a is b }}{{ a is not b }}{{ a or b and c }}
