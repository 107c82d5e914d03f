return await Memento.Cli.MementoCli.RunAsync(args);
