from briefpack.cli import main

raise SystemExit(main())
