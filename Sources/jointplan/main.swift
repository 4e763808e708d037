import JointPlanCLI

JointPlanCommand.runMain()
