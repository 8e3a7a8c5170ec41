return Robot.Firmware.Cli.FirmwareCli.Invoke(args);
