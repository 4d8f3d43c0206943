using RetailTagging.Rfm.Profiles;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>Everything the demo made of one chunk of customers, handed to the store together.</summary>
internal sealed record DemoChunk(SyntheticCustomer[] Customers, RfmProfile[] Profiles, ChunkTags Tags, ChunkTriggers Triggers);
