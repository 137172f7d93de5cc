module example.com/Acme/Colors

go 1.19
