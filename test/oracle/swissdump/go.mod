module swissdump

go 1.26
