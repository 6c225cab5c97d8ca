Hello {{ name
