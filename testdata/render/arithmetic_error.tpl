before {{ "a" + 1 }} after
