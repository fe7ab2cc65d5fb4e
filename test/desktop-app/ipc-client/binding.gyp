{
  "targets": [
    {
      "target_name": "op_sdk_ipc_client",
      "sources": ["ipc_client.cc"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra"]
    }
  ]
}
