{{ x| }}{{ x|upper: }}
