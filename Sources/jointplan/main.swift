import JointPlanCLI

JointPlanCommand.main()
