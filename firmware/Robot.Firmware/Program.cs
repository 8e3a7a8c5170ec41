namespace Robot.Firmware;

// An explicit entry point: with ASP.NET Core referenced, a top-level program's class would be public
// and clash with the programs that reference this one (the rig, the benchmarks).
static class Program
{
    static int Main(string[] args) => Cli.FirmwareCli.Invoke(args);
}
