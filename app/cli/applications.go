package cli

// applicationCommands are export and the application lifecycle (PRODUCT.md §4, §5).
var applicationCommands []command
