ok {{ a }} ÿþ bad
