module layoutdumpswiss

go 1.26
