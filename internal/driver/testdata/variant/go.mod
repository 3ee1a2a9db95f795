module example.com/variant

go 1.26
