return Robot.Hil.Cli.HilCli.Invoke(args);
