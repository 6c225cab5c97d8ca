{{ -not x }}
