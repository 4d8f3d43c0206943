Console.WriteLine("retail-tags");
