variable "name" {
  type    = string
  default = "shop"
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "office_cidr" {
  type    = string
  default = "203.0.113.0/24"
}

variable "availability_zones" {
  type    = list(string)
  default = ["cn-north-4a", "cn-north-4b"]
}

variable "app_port" {
  type    = number
  default = 8080
}

variable "server_count" {
  type    = number
  default = 2
}

variable "image_id" {
  type = string
}

variable "flavor_id" {
  type = string
}

locals {
  lb_method = "SOURCE_IP"
}
