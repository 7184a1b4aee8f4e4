using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// Quartz's job store needs a serializer for job data; its JSON one is a separate package the package source lacks
/// and its binary one needs BinaryFormatter. The benchmark's jobs carry no data, so this stores job data maps as a
/// JSON object of strings and refuses anything else (calendars are not used).
/// </summary>
internal sealed class QuartzJobDataSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj)
        where T : class
    {
        var strings = obj switch
        {
            JobDataMap map => map.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString(), StringComparer.Ordinal),
            NameValueCollection values => values.AllKeys.OfType<string>().ToDictionary(key => key, key => values[key], StringComparer.Ordinal),
            _ => throw new NotSupportedException($"The benchmark's Quartz serializer stores job data only, not {typeof(T).Name}."),
        };
        return JsonSerializer.SerializeToUtf8Bytes(strings);
    }

    public T? DeSerialize<T>(byte[] obj)
        where T : class
    {
        var strings = JsonSerializer.Deserialize<Dictionary<string, string?>>(obj) ?? [];
        if (typeof(T) == typeof(JobDataMap))
        {
            var map = new JobDataMap();
            foreach (var (key, value) in strings)
            {
                map[key] = value!;
            }

            return (T)(object)map;
        }

        if (typeof(T) == typeof(NameValueCollection))
        {
            var values = new NameValueCollection(StringComparer.Ordinal);
            foreach (var (key, value) in strings)
            {
                values[key] = value;
            }

            return (T)(object)values;
        }

        throw new NotSupportedException($"The benchmark's Quartz serializer reads job data only, not {typeof(T).Name}.");
    }
}
