{
  # A SQLite loadable extension, not a Node addon: it uses no Node API, so one build serves
  # Node and Electron alike. Its headers are SQLite's own, taken from node-sqlite3's bundled
  # source by scripts/build-sqlite-csv.mjs.
  'targets': [
    {
      'target_name': 'rowboat_csv',
      'type': 'loadable_module',
      'sources': ['csv_line.c'],
      'include_dirs': ['build/sqlite-include'],
      'cflags': ['-O2'],
      'xcode_settings': { 'GCC_OPTIMIZATION_LEVEL': '2' },
    },
  ],
}
