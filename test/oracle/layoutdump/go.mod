module layoutdump

go 1.19
