using System.Text;

namespace Scheduler.Remote.Wire;

/// <summary>Sizes of the primitives <see cref="WireWriter"/> writes.</summary>
internal static class WireSize
{
    public static int VarUInt(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        return VarUInt((ulong)length) + length;
    }

    public static int Bytes(int length) => VarUInt((ulong)length) + length;
}
