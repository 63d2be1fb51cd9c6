// The scripts are bash and the tests run them as Unix processes (file modes, symlinks, /dev/tcp).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
