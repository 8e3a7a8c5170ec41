using System.CommandLine;
using System.Runtime.InteropServices;
using Robot.Cli;
using Robot.Firmware.GroundStation;
using Robot.Firmware.StationLink;

namespace Robot.Firmware.Cli;

/// <summary>
/// `robot-firmware station`: the ground station's web page in its own process, unprivileged, talking
/// to the robot's process over its station link. It can crash, be killed or be restarted while the
/// robot balances: its velocity command lapses by the dead-man and the next station connects again.
/// </summary>
public static class StationCommand
{
    public static Command Create()
    {
        var robot = new Option<string>("--robot") { Description = "The robot's station link: the Unix socket `robot-firmware run --station-socket` serves", Required = true };
        var address = new Option<string>("--ground-station") { Description = "Serve the page on PORT (localhost) or ADDRESS:PORT", DefaultValueFactory = _ => "8080" };
        var token = new Option<string>("--ground-station-token") { Description = "The token file (created at the first start, owner-only)", DefaultValueFactory = _ => GroundStationHost.DefaultTokenFile };
        var command = new Command("station", "Serve the ground station's page for the robot whose link is --robot, until SIGINT or SIGTERM.\n" +
            "Example: robot-firmware station --robot /run/robot/station.sock --ground-station 8080") { robot, address, token };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string stationAddress = parse.GetValue(address)!;
            StationAddress.Parse(stationAddress); // a bad address is refused before anything starts
            using var link = new SocketRobotLink(Path.GetFullPath(parse.GetValue(robot)!));
            using var stop = new ManualResetEventSlim();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var server = GroundStationHost.Start(stationAddress, parse.GetValue(token)!, link, Console.Out);
            stop.Wait();
            Console.WriteLine("ground station: stopped");
            return ExitCode.Success;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Set();
            }
        }));
        return command;
    }
}
