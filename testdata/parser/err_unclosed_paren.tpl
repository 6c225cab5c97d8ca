{{ fn(a, b }}{{ (a + b }}
