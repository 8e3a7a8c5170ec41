// Reads and edits the version-need table (.gnu.version_r) of a 64-bit little-endian ELF file.
// Used by build/TorchSharpNative.targets (as an MSBuild inline task) and by the tests
// (compiled with ELF_HELPER_ONLY, which leaves out the MSBuild task class).
using System;
using System.IO;
using System.Text;

namespace Robot.Build
{
    public static class ElfVersionNeeds
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>The vna_flags of the version-need entry named <paramref name="version"/>, or -1 when absent.</summary>
        public static int ReadFlags(byte[] elf, string version)
        {
            int offset = FindAuxOffset(elf, version);
            return offset < 0 ? -1 : BitConverter.ToUInt16(elf, offset + 4);
        }

        /// <summary>Sets VER_FLG_WEAK on the entry; returns false when the file has no such entry.</summary>
        public static bool MarkWeak(byte[] elf, string version)
        {
            int offset = FindAuxOffset(elf, version);
            if (offset < 0) return false;
            ushort flags = (ushort)(BitConverter.ToUInt16(elf, offset + 4) | VerFlagWeak);
            elf[offset + 4] = (byte)flags;
            elf[offset + 5] = (byte)(flags >> 8);
            return true;
        }

        /// <summary>True when the shared library at <paramref name="path"/> defines the symbol version (e.g. GLIBCXX_3.4.32).</summary>
        public static bool DefinesVersionString(string path, string version)
        {
            byte[] data = File.ReadAllBytes(path);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            for (int i = 0; i + needle.Length <= data.Length; i++)
            {
                if (data[i] != needle[0] || (i > 0 && data[i - 1] != 0)) continue;
                int k = 1;
                while (k < needle.Length && data[i + k] == needle[k]) k++;
                if (k == needle.Length) return true;
            }
            return false;
        }

        static int FindAuxOffset(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            long shoff = BitConverter.ToInt64(elf, 0x28);
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            for (int s = 0; s < shnum; s++)
            {
                int sh = checked((int)(shoff + (long)s * shentsize));
                if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
                long secOffset = BitConverter.ToInt64(elf, sh + 0x18);
                int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
                int count = (int)BitConverter.ToUInt32(elf, sh + 0x2C); // sh_info: number of Verneed entries
                long strOffset = BitConverter.ToInt64(elf, checked((int)(shoff + (long)link * shentsize)) + 0x18);
                long need = secOffset;
                for (int n = 0; n < count; n++)
                {
                    int cnt = BitConverter.ToUInt16(elf, (int)need + 2);
                    long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                    for (int a = 0; a < cnt; a++)
                    {
                        uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                        if (ReadCString(elf, strOffset + name) == version) return (int)aux;
                        aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                    }
                    need += BitConverter.ToUInt32(elf, (int)need + 12);
                }
            }
            return -1;
        }

        static string ReadCString(byte[] data, long start)
        {
            int end = (int)start;
            while (end < data.Length && data[end] != 0) end++;
            return Encoding.ASCII.GetString(data, (int)start, end - (int)start);
        }
    }

#if !ELF_HELPER_ONLY
    /// <summary>
    /// Marks a version need weak in a copy of a native library, writing a new file so that a
    /// hard link into the NuGet cache is never edited in place.
    /// </summary>
    public class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string File { get; set; } = "";
        [Microsoft.Build.Framework.Required] public string Version { get; set; } = "";
        [Microsoft.Build.Framework.Required] public string SystemLibrary { get; set; } = "";

        public override bool Execute()
        {
            if (!System.IO.File.Exists(File)) return true;
            if (!System.IO.File.Exists(SystemLibrary))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    "No system library at " + SystemLibrary + "; " + File + " left as shipped.");
                return true;
            }
            if (ElfVersionNeeds.DefinesVersionString(SystemLibrary, Version)) return true;
            byte[] elf = System.IO.File.ReadAllBytes(File);
            int flags = ElfVersionNeeds.ReadFlags(elf, Version);
            if (flags < 0 || (flags & ElfVersionNeeds.VerFlagWeak) != 0) return true;
            ElfVersionNeeds.MarkWeak(elf, Version);
            string temp = File + ".patching";
            System.IO.File.WriteAllBytes(temp, elf);
            System.IO.File.Delete(File); // drops any hard link rather than writing through it
            System.IO.File.Move(temp, File);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                "TorchSharp native fix: " + SystemLibrary + " lacks " + Version +
                "; marked that version need weak in the build-output copy " + File +
                " (it is needed for one symbol that is never called; see docs/torchsharp-loading.md).");
            return true;
        }
    }
#endif
}
