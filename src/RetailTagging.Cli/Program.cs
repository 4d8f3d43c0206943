using RetailTagging.Cli;

return CliApplication.Run(args);
