"""挂图作战: the dashboard of a plan and period, unit assessment (考核) and the wall display."""
